/** The VS Code side of connections: what other features (playground, jobs, batch runs) import. */

export type { ConnectionAnswers } from './connectionAnswers';
export type { ConnectionLog } from './connectionLog';
export { ConnectionRegistry } from './connectionRegistry';
export { CONNECTIONS_SETTING } from './connectionList';
export type { QuirksStore } from './quirksStore';
export { registerConnections } from './registerConnections';
