import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Component tests (jsdom): forms a person fills in, checked as they behave, without the platform.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    // jsdom renders antd slowly on a busy two-core machine; a deadline names what never happened.
    testTimeout: 60_000,
  },
});
