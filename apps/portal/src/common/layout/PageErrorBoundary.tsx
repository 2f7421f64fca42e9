import { Component, type ReactNode } from 'react';
import { RouteError } from './RouteError';

/**
 * Catches a page that could not load or render (its script replaced by a new release while the tab was open, the
 * network gone) and shows the page that says so, instead of a blank screen.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error(error);
  }

  override render(): ReactNode {
    return this.state.failed ? <RouteError /> : this.props.children;
  }
}
