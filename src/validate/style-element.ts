// The safety policy for a component's own `<style>` element (the breakpoints of a responsive `inline` component): a
// plain stylesheet of rules for classes the component itself uses, in `@media (min-width|max-width)` blocks at most.
// Nothing in it can load anything or reach outside the component: no url(), no @import or other at-rule, no selector
// but one of the file's own class names, no legacy script hooks (expression(), behavior, -moz-binding), no escapes.

/** Why the stylesheet is refused, or null. `classes`: the class names the file's elements use. */
export function styleSheetProblem(css: string, classes: ReadonlySet<string>): string | null {
  if (/\\/.test(css)) return 'a <style> may not contain escapes';
  if (/\/\*/.test(css)) return 'a <style> may not contain comments';
  if (/url\s*\(|image-set\s*\(|image\s*\(/i.test(css)) return 'a <style> may not load anything (url())';
  if (/expression\s*\(|behavior\s*:|-moz-binding|javascript:/i.test(css)) return 'a <style> may not carry script (expression(), behavior, -moz-binding)';
  if (/<\//.test(css)) return 'a <style> may not close its element';
  return blockProblem(css, classes, 0);
}

const MEDIA = /^@media\s+\(\s*(min|max)-width\s*:\s*\d+(\.\d+)?px\s*\)(\s+and\s+\(\s*(min|max)-width\s*:\s*\d+(\.\d+)?px\s*\))*$/i;
const DECLARATION = /^-?[a-z][a-z-]*\s*:\s*[^;{}@]+$/i;

/** Rules at one level: `selector { declarations }`, or (at the top only) `@media (…) { rules }`. */
function blockProblem(text: string, classes: ReadonlySet<string>, depth: number): string | null {
  let rest = text.trim();
  while (rest) {
    const open = rest.indexOf('{');
    if (open < 0) return `a <style> has text outside a rule: "${rest.slice(0, 40)}"`;
    const head = rest.slice(0, open).trim();
    // The matching brace: one level inside a media block, none inside a rule.
    let level = 0, end = -1;
    for (let i = open; i < rest.length; i++) {
      if (rest[i] === '{') level++;
      else if (rest[i] === '}' && --level === 0) {
        end = i;
        break;
      }
    }
    if (end < 0) return 'a <style> has an unclosed block';
    const body = rest.slice(open + 1, end);
    if (head.startsWith('@')) {
      if (depth > 0 || !MEDIA.test(head)) return `a <style> may only hold width media queries (got "${head.slice(0, 60)}")`;
      const inner = blockProblem(body, classes, depth + 1);
      if (inner) return inner;
    } else {
      const selector = /^\.([a-z][a-z0-9_-]*)$/i.exec(head);
      if (!selector) return `a <style> selector must be one of the component's classes (got "${head.slice(0, 60)}")`;
      if (!classes.has(selector[1])) return `a <style> selector names a class the component does not use (.${selector[1]})`;
      if (body.includes('{')) return 'a <style> rule may not nest';
      for (const declaration of body.split(';').map((d) => d.trim()).filter(Boolean)) {
        if (!DECLARATION.test(declaration)) return `a <style> declaration is not plain (got "${declaration.slice(0, 60)}")`;
      }
    }
    rest = rest.slice(end + 1).trim();
  }
  return null;
}
