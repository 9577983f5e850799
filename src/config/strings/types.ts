import type { en } from './en.js';

export type UiStringKey = keyof typeof en;

/** One text per `Intl.PluralRules` category; `other` is always there. */
export type UiPlural = { other: string } & Partial<
  Record<'zero' | 'one' | 'two' | 'few' | 'many', string>
>;

export type UiString = string | UiPlural;

/** A language's table: every key English has, a plural where English has one. */
export type UiStringTable = {
  [K in UiStringKey]: (typeof en)[K] extends string ? string : UiPlural;
};

/** The strings a site shows: its language's table with the config's `strings` over it. */
export type UiStrings = Record<UiStringKey, UiString>;
