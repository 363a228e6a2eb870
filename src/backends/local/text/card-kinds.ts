import { closingCard, messageCaption, titleCard } from './cards.js';

/** The drawing functions a card-drawing thread runs, by name: cards.ts's own, unchanged. */
export const CARDS = { titleCard, messageCaption, closingCard } as const;
export type CardName = keyof typeof CARDS;
export type CardArgs<K extends CardName> = Parameters<(typeof CARDS)[K]>;

export interface CardOrder<K extends CardName = CardName> {
  id: number;
  card: K;
  args: CardArgs<K>;
}
