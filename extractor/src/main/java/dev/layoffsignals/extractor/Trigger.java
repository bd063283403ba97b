package dev.layoffsignals.extractor;

/**
 * A word or phrase saying that jobs go.
 *
 * @param start   index of its first token
 * @param end     index after its last token
 * @param strong  true when it says so on its own ("laid off", "licenciement", "cut jobs"); a weak
 *                trigger ("cut", "supprimer") needs a count of jobs to mean a layoff
 * @param negated true when a negation precedes it ("no employees will be laid off")
 * @param past    true when written as an earlier event ("had cut", "avait licencié")
 */
record Trigger(int start, int end, boolean strong, boolean negated, boolean past) {}
