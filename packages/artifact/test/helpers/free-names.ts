import vm from "node:vm";

import ts from "typescript";

/**
 * The names a function's source text reads but neither declares nor finds among the globals of
 * a bare JavaScript realm (no `require`, no `Buffer`, no module scope): what would throw a
 * ReferenceError if the text were evaluated on its own, as a worker program built from
 * `fn.toString()` is. Scopes are not told apart (a name declared anywhere in the function counts
 * as declared), which is enough to catch an imported helper or an outer constant.
 */
export function freeNames(source: string): string[] {
  const file = ts.createSourceFile("fn.js", `(${source})`, ts.ScriptTarget.Latest, true);
  const declared = new Set<string>();
  const used = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (
      (ts.isParameter(node) ||
        ts.isVariableDeclaration(node) ||
        ts.isFunctionDeclaration(node) ||
        ts.isFunctionExpression(node) ||
        ts.isBindingElement(node)) &&
      node.name !== undefined &&
      ts.isIdentifier(node.name)
    ) {
      declared.add(node.name.text);
    }
    if (ts.isIdentifier(node) && isReference(node)) used.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  const globals = new Set(vm.runInNewContext("Object.getOwnPropertyNames(globalThis)") as string[]);
  return [...used].filter((name) => !declared.has(name) && !globals.has(name)).sort();
}

function isReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (ts.isPropertyAssignment(parent) && parent.name === node) return false;
  if (ts.isMethodDeclaration(parent) && parent.name === node) return false;
  if (ts.isBindingElement(parent) && parent.propertyName === node) return false;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false;
  return true;
}
