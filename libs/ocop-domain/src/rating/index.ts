export * from './csv';
export * from './dossier-checklist';
export * from './levels';
export * from './rubric';
export * from './rubric-report';
export * from './rubric-sheets';
export * from './scoring';
export * from './workflow';
