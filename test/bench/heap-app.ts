// What heap-child.ts drives, bundled by measure-heap.ts with the CLI's own esbuild options
// (scripts/bundle-options.js: production React, Ink's bounded text caches) so the heap is
// measured on the code that ships rather than on the unpatched Ink that tsx would load.
export { createElement } from 'react';
export { render } from 'ink';
export { createPanelModel } from '../../source/domain/status/panel-model.js';
export { App } from '../../source/ui/app.js';
export { createPanelStore } from '../../source/ui/panel-store.js';
