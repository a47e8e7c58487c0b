/** Wrong use of the command line (exit code 2), as opposed to a refused operation (exit code 1). */
export class UsageError extends Error {}
