/** Every quiz question the site knows, by catalogue id (the Quiz component looks them up here). */
import { GENERATIVE_QUIZ } from './generative.ts';
import type { QuizSpec } from './types.ts';

export const QUIZZES: Readonly<Record<string, QuizSpec>> = { ...GENERATIVE_QUIZ };
