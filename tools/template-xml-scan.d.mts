/**
 * Every string or template literal in a package's source that writes XML by hand (a tag opener
 * such as `<t:Subject`, `</Name`, `/>`, or a `<` before `${…}`), as sorted `file:line: literal`
 * entries. Literals inside error or log call arguments are exempt (they only name elements).
 */
export function templateXmlIn(sourceDir: string): string[];
