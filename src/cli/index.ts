export { main, installSignalHandlers, registerCommand } from './main.js';
