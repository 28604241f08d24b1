import type { ThemeConfig } from 'antd';

/** Users who ask their OS for less motion (and automated browsers) get no antd animations or click waves. */
export function prefersReducedMotion(): boolean {
  return navigator.webdriver || (window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false);
}

// A sober bank blue; the volcano/gold of the tier tags then stands out.
export const buildTheme = (reducedMotion: boolean): ThemeConfig => ({
  token: {
    motion: !reducedMotion,
    colorPrimary: '#1553b6',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', headerPadding: '0 16px', siderBg: '#001529' },
  },
});
