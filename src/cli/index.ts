export { main, installSignalHandlers } from './main.js';
