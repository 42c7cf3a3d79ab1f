/**
 * tipkit's package root: the cdktf constructs and the synth-time aspect. The linter, simulator and model
 * have their own entry points (`tipkit/linter`, `tipkit/simulator`, `tipkit/model`) that load no cdktf.
 */
export * from './constructs/index.js';
