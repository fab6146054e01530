// The Conversations view: a .jsonl dataset as a searchable, filterable, editable list of chats (a custom editor).
// The page asks the host for the rows it shows; the host owns the document, its problems and the filter.
import '../shared/markdown/markdown.css';
import './main.css';
import type { ConversationsHostEvents, ConversationsRequests } from '../../src/protocol/conversations';
import { createHostClient } from '../shared/hostClient';
import { createMarkdownRenderer } from '../shared/markdown/renderMarkdown';
import { ConversationsPage } from './conversationsPage';
import { restoreViewState, type ViewState } from './viewState';

// The API object can be acquired once per page: the host client posts through it, and the view state is saved with it.
const vscode = acquireVsCodeApi<ViewState>();
const host = createHostClient<ConversationsRequests, ConversationsHostEvents>(vscode, window);
const page = new ConversationsPage({
  host,
  root: document.getElementById('app')!,
  renderer: createMarkdownRenderer(window),
  state: restoreViewState(vscode.getState()),
  persist: (state) => vscode.setState(state),
  keys: document,
});
void page.start();
