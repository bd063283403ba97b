package dev.layoffsignals.extractor;

/**
 * A company named in a sentence.
 *
 * @param start    index of the first token of the name
 * @param end      index after its last token
 * @param company  the company the name resolves to
 * @param division the division, brand or subsidiary the name designates ("AWS"), null for the
 *                 company's own names
 */
record CompanyMention(int start, int end, Company company, String division) {}
