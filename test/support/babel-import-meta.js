/**
 * Babel plugin for Jest only: rewrites `import.meta` in ES-module dependencies (NestJS 12)
 * that Jest loads as CommonJS. Uses `module.require`, not `require`, because those files
 * declare their own `const require = createRequire(import.meta.url)`.
 */
module.exports = function importMetaToCommonJs({ template }) {
  const replacements = {
    url: template.expression.ast`module.require('node:url').pathToFileURL(__filename).href`,
    dirname: template.expression.ast`__dirname`,
    filename: template.expression.ast`__filename`,
    resolve: template.expression.ast`((specifier) => module.require.resolve ? module.require.resolve(specifier) : require.resolve(specifier))`,
  };
  return {
    visitor: {
      MetaProperty(path) {
        const member = path.parentPath;
        if (path.node.meta.name !== 'import' || !member.isMemberExpression()) return;
        const replacement = replacements[member.node.property.name];
        if (replacement) member.replaceWith(structuredClone(replacement));
      },
    },
  };
};
