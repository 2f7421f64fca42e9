// Jest transform: a CSV file becomes a module whose default export is its text, as webpack's asset/source does.
module.exports = {
  process(sourceText) {
    return { code: `module.exports = ${JSON.stringify(sourceText)};` };
  },
};
