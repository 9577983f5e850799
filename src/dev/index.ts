export { startServer, type ServeOptions, type RunningServer } from './serve.js';
export { DevSession, type RebuildReport } from './session.js';
