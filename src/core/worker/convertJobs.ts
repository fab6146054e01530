import { convertFile } from '../convert/convertFile';
import type { ConvertJob, JobHandlerTable } from './jobProtocol';

/** Worker handlers for the conversion jobs. */
export const convertJobHandlers: JobHandlerTable<ConvertJob> = {
  convert: (job, { signal, onProgress }) => convertFile(job.input, job.output, job.spec, { signal, onProgress }),
};
