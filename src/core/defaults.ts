// Defaults the core, the CLI and the extension share. package.json repeats the setting defaults for VS Code's
// settings editor; test/unit/validation/defaults.test.ts keeps them equal.

/** The model token counts, limits and cost use when none is chosen (`fineTuneStudio.model`). */
export const DEFAULT_MODEL = 'gpt-4o-mini-2024-07-18';

/** The per-example token limit for models without a published one (`fineTuneStudio.defaultExampleTokenLimit`). */
export const DEFAULT_EXAMPLE_TOKEN_LIMIT = 65_536;

/** Problems Validate File… and the CLI list per code (all are counted; `fineTuneStudio.validateFile.maxProblemsPerCode`). */
export const DEFAULT_MAX_PROBLEMS_PER_CODE = 100;

/** How many recognisable examples from the top of a file decide its format. */
export const FORMAT_DETECTION_SAMPLE = 20;

/** Detection gives up after this many lines without enough samples (a file of blank or broken lines). */
export const FORMAT_DETECTION_MAX_LINES = 10_000;
