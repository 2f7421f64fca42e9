import { createRequire } from 'node:module';

/**
 * Node's own `require`, also inside the webpack bundle (where `require` is webpack's and resolves at build
 * time): packages stay in node_modules beside the bundle, so files inside them (the DejaVu font, the QR library
 * that worker threads load) are found at run time, from wherever this file (or the bundle) lives.
 */
export const nodeRequire: NodeRequire = createRequire(__filename);
