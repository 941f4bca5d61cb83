/** Where the "new runbook" template lives, relative to the extension root (kept in the .vsix). */
export const TEMPLATE_RELATIVE_PATH = 'samples/templates/new.runbook.yaml';
