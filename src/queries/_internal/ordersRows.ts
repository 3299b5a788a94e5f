/**
 * Whether a query's result has a defined row order: an ORDER BY at the top level of the SQL
 * (outside parentheses, strings, quoted names and comments; a window's ORDER BY is inside OVER (...)).
 */
export function ordersRows(sql: string): boolean {
  return /\border\s+by\b/i.test(topLevelSql(sql));
}

/**
 * Whether the SQL text holds more than one statement: a `;` at the top level followed by more
 * text (a trailing `;` is one statement).
 */
export function manyStatements(sql: string): boolean {
  return /;\s*[^\s;]/.test(topLevelSql(sql));
}

/** The SQL's text outside parentheses, strings, quoted names and comments. */
function topLevelSql(sql: string): string {
  let depth = 0;
  let top = '';
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (ch === "'" || ch === '"') {
      const end = sql.indexOf(ch, i + 1);
      i = end < 0 ? sql.length : end;
      top += ' ';
      continue;
    }
    if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end;
      continue;
    }
    if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 1;
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0) top += ch;
  }
  return top;
}
