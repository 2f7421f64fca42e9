// Node's test environment, plus the browser trail (src/portal/browser.ts): under a test that failed, what the
// people's browsers did during it, as a second error in the report — the report is all a CI run keeps.
const { TestEnvironment } = require('jest-environment-node');

class BrowserTrailEnvironment extends TestEnvironment {
  handleTestEvent(event) {
    const trail = this.global.__browserTrail;
    if (!trail) return;
    if (event.name === 'test_start') trail.splice(0);
    if (event.name === 'test_done' && event.test.errors.length > 0 && trail.length > 0) {
      const lines = trail.splice(0).map((line) => `  ${line}`);
      const error = new Error(`What the browsers did during this test (oldest first):\n${lines.join('\n')}`);
      // Only the message matters: the stack would point here.
      error.stack = error.message;
      event.test.errors.push(error);
    }
  }
}

module.exports = BrowserTrailEnvironment;
