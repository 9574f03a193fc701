/**
 * Artist names and song titles composed from the word lists. The mix follows the
 * Million Song sample: people's names, "The X Ys" bands, collaborations joined by
 * `/`, `;` or "featuring", version tags in parentheses, a few accented or quoted
 * titles. Names may repeat (two artists called "Jordan Smith" exist in real
 * catalogues too); the catalogue accounts for that when it matches plays.
 */
import type { Random } from './random.js';
import {
  ACCENTED_WORDS,
  FEMALE_FIRST_NAMES,
  LAST_NAMES,
  MALE_FIRST_NAMES,
  NAME_ADJECTIVES,
  NAME_NOUNS,
  NAME_WORDS,
  TITLE_TAGS,
  TITLE_VERBS,
  TITLE_WORDS,
} from './vocabulary.js';

function personName(random: Random): string {
  const first = random.pick(random.chance(0.5) ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
  return `${first} ${random.pick(LAST_NAMES)}`;
}

function bandName(random: Random): string {
  const roll = random.next();
  if (roll < 0.45) return `The ${random.pick(NAME_ADJECTIVES)} ${random.pick(NAME_NOUNS)}`;
  if (roll < 0.75) return `${random.pick(NAME_ADJECTIVES)} ${random.pick(NAME_NOUNS)}`;
  if (roll < 0.88) return random.pick(NAME_WORDS);
  if (roll < 0.97) return `${random.pick(NAME_WORDS)} ${random.pick(NAME_NOUNS)}`;
  return `${random.pick(ACCENTED_WORDS)} ${random.pick(NAME_NOUNS)}`;
}

function soloOrBand(random: Random): string {
  return random.chance(0.45) ? personName(random) : bandName(random);
}

export function artistName(random: Random): string {
  const roll = random.next();
  if (roll < 0.84) return soloOrBand(random);
  if (roll < 0.89) return `${personName(random)} & The ${random.pick(NAME_NOUNS)}`;
  // Orchestral and compilation credits: the source of `/` (escaped `\/` in the logs).
  if (roll < 0.93) return `${personName(random)}/${soloOrBand(random)}`;
  if (roll < 0.97) return `${personName(random)};${personName(random)}`;
  return `${soloOrBand(random)} featuring ${personName(random)}`;
}

function titleCore(random: Random): string {
  const roll = random.next();
  if (roll < 0.2) return random.pick(TITLE_WORDS);
  if (roll < 0.4) return `${random.pick(TITLE_WORDS)} ${random.pick(TITLE_WORDS)}`;
  if (roll < 0.55) return `${random.pick(TITLE_VERBS)} My ${random.pick(TITLE_WORDS)}`;
  if (roll < 0.68) return `The ${random.pick(TITLE_WORDS)} Of ${random.pick(TITLE_WORDS)}`;
  if (roll < 0.78) return `${random.pick(TITLE_WORDS)} In ${random.pick(TITLE_WORDS)}`;
  if (roll < 0.86) return `Don't ${random.pick(TITLE_VERBS)} The ${random.pick(TITLE_WORDS)}`;
  if (roll < 0.91) return `${random.pick(TITLE_VERBS)} It Like A ${random.pick(TITLE_WORDS)}`;
  if (roll < 0.94) return `${random.pick(ACCENTED_WORDS)} ${random.pick(TITLE_WORDS)}`;
  if (roll < 0.95) return `¿Dónde ${random.pick(TITLE_WORDS)}?`;
  if (roll < 0.97) return `"${random.pick(TITLE_WORDS)}"`;
  return `${random.pick(TITLE_WORDS)} / ${random.pick(TITLE_WORDS)}`;
}

export function songTitle(random: Random): string {
  const core = titleCore(random);
  return random.chance(0.2) ? core + random.pick(TITLE_TAGS) : core;
}
