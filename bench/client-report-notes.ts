/** What the numbers mean and what made the difference; kept by hand in bench/notes/, regenerated with the tables. */
import { ISSUE_20_FIFTH_PASS } from "./notes/issue-20-fifth-pass.js";
import { ISSUE_20_FOURTH_PASS } from "./notes/issue-20-fourth-pass.js";
import { ISSUE_20_PASSES_1_3 } from "./notes/issue-20-passes-1-3.js";
import { ISSUE_8 } from "./notes/issue-8.js";

export const NOTES = ISSUE_20_PASSES_1_3 + ISSUE_20_FOURTH_PASS + ISSUE_20_FIFTH_PASS + ISSUE_8;
