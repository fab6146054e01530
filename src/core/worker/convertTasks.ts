import { convertFile } from '../convert/convertFile';
import type { ConvertTask, TaskHandlerTable } from './taskProtocol';

/** Worker handlers for the conversion tasks. */
export const convertTaskHandlers: TaskHandlerTable<ConvertTask> = {
  convert: (task, { signal, onProgress }) =>
    convertFile(task.input, task.output, task.spec, {
      signal,
      onProgress,
      ...(task.encoding === undefined ? {} : { encoding: task.encoding }),
    }),
};
