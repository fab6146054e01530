// The Conversations view: a .jsonl dataset as a searchable, filterable, editable list of chats (a custom editor).
// The page asks the host for the rows it shows; the host owns the document, its problems and the filter.
import '../shared/markdown/markdown.css';
import './main.css';
import { createHostClient } from '../shared/hostClient';
import { createMarkdownRenderer } from '../shared/markdown/renderMarkdown';
import type { ConversationsHost } from './conversationsHost';
import { ConversationsPage } from './conversationsPage';
import { handedOverState, restoreViewState, type ViewState } from './viewState';

// The API object can be acquired once per page: the host client posts through it, and the view state is saved with it.
const vscode = acquireVsCodeApi<ViewState>();
const host: ConversationsHost = createHostClient(vscode, window);
const root = document.getElementById('app')!;
const page = new ConversationsPage({
  host,
  root,
  renderer: createMarkdownRenderer(window),
  // A page's own saved state first; a new page may be given the state of the view it replaces.
  state: restoreViewState(vscode.getState() ?? handedOverState(root)),
  persist: (state) => vscode.setState(state),
  keys: document,
});
// The host learns the view state when it asks, and once the first screen is painted: a read-only view standing in
// while VS Code loads the document waits for that before the load begins (it holds the thread the page paints on).
host.on('sendViewState', () => host.emit('viewState', page.viewState));
void page.start().then(() => requestAnimationFrame(() => setTimeout(() => host.emit('viewState', page.viewState))));
