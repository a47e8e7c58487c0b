// The demo school: a pure, deterministic generator of a realistic Russian school's data.
export { generateDemoSchool, DEMO_LIMITS, type DemoOptions, type DemoSchool, type WithId } from './generate';
export { isValidSnils, snilsChecksum, formatSnils } from './snils';
export { WEEKLY_LIMIT } from './curriculum';
