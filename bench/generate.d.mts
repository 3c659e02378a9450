/** Types for generate.mjs, so tests written in TypeScript can build the same modules. */
export function generateModule(language: 'python' | 'typescript', lines: number, profile?: 'dense' | 'realistic'): string;
