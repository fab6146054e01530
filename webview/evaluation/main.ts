// The Evaluation view: a batch run's results file as a table, metrics per model, an LLM judge and blind review.
// The host reads and groups the file; the page asks it for rows by range and never sees a key or a path.
import '../shared/page.css';
import '../shared/markdown/markdown.css';
import './main.css';
import type { EvaluationHostEvents, EvaluationRequests } from '../../src/protocol/evaluation';
import { createHostClient } from '../shared/hostClient';
import { createMarkdownRenderer } from '../shared/markdown/renderMarkdown';
import { EvaluationPage } from './evaluationPage';

// The API object can be acquired once per page: the host client posts through it, and the state is saved with it.
const vscode = acquireVsCodeApi<{ uri: string }>();
const host = createHostClient<EvaluationRequests, EvaluationHostEvents>(vscode, window);
const page = new EvaluationPage({
  host,
  root: document.getElementById('app')!,
  renderer: createMarkdownRenderer(window),
  persist: (state) => vscode.setState(state),
  keys: document,
});
void page.start();
