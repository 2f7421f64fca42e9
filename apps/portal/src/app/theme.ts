import type { ThemeConfig } from 'antd';

// The province's green; text and primary colours keep WCAG AA contrast on white (checked by the axe scans).
export const theme: ThemeConfig = {
  components: {
    // The selected menu item's text on its tint keeps 4.5:1.
    Menu: { itemSelectedColor: '#134a2c', itemSelectedBg: '#e3efe7' },
  },
  token: {
    colorPrimary: '#1f6f43',
    colorLink: '#1a5d38',
    // antd's default secondary text (45% black) is below 4.5:1 on the page's background: help under fields and
    // descriptions use a darker grey.
    colorTextDescription: '#595959',
    colorTextSecondary: '#595959',
    colorTextPlaceholder: '#6b6b6b',
    colorTextTertiary: '#595959',
    // antd's red (#ff4d4f) is 3.2:1 on white: danger buttons and error texts use a darker red.
    colorError: '#b42318',
    borderRadius: 6,
    // No component animations: on a mid-range phone they cost frames for nothing, and a button's loading icon that
    // leaves before it has finished arriving stays mid-animation (antd's motion waits for a transition that never
    // runs), which the accessibility check saw as a page that never settles.
    motion: false,
    fontSize: 15,
    fontFamily:
      "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif",
  },
};
