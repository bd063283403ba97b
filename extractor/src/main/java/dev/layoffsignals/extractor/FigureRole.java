package dev.layoffsignals.extractor;

/** What a quantity in a layoff sentence counts. Only the first three feed an announcement. */
enum FigureRole {
  /** Jobs cut ("11,000 jobs"). */
  HEADCOUNT,
  /** Jobs cut, order of magnitude only ("hundreds of employees"). */
  VAGUE_HEADCOUNT,
  /** Share of the workforce cut ("13% of its workforce", "la moitié des salariés"). */
  WORKFORCE_PCT,
  /** Money ("$1.2 billion charge", "8 milliards de dollars"). */
  MONEY,
  /** A share-price move ("shares rose 5%"). */
  STOCK_MOVE,
  /** Size of the whole staff ("employs 221,000", "of its 70,000 employees"). */
  TOTAL_STAFF,
  /** A staff level before or after ("from 9,000 to 5,000", "cap its headcount at 12,000"). */
  LEVEL,
  /** People hired ("recruter 5 000 personnes"). */
  HIRING,
  /** Roles never filled ("close 5,000 open roles"). */
  UNFILLED,
  /** Part of a figure already given ("dont environ 1 400 en Suède"). */
  SUBSET,
  /** Anything else: percentages of revenue, dates, counts of things. */
  OTHER
}
