import { presetPalettes } from '@ant-design/colors';
import type { ThemeConfig } from 'antd';

/** Users who ask their OS for less motion (and automated browsers) get no antd animations or click waves. */
export function prefersReducedMotion(): boolean {
  return navigator.webdriver || (window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false);
}

// Text on a tag's light background must reach WCAG AA's 4.5:1 (GB/T 37668 follows WCAG).
// antd writes a preset tag in its palette's 7th shade and a status tag in the status
// colour, both too light on that background; tags take the 9th shade instead.
const PRESET_TAG_TEXT = Object.fromEntries(
  Object.entries(presetPalettes).map(([name, shades]) => [`${name}7`, shades[8]]),
);
const STATUS_TAG_TEXT = {
  colorSuccess: presetPalettes.green[7],
  colorInfo: presetPalettes.blue[7],
  colorWarning: presetPalettes.gold[8],
  colorError: presetPalettes.red[7],
};

// A sober bank blue; the volcano/gold of the tier tags then stands out.
export const buildTheme = (reducedMotion: boolean): ThemeConfig => ({
  token: {
    motion: !reducedMotion,
    colorPrimary: '#1553b6',
    // Links default to antd's info blue (#1677ff, 4.1:1 on white); the primary blue is 6.9:1.
    colorLink: '#1553b6',
    // Hover darkens instead of lightening, so a link under the pointer stays readable.
    colorLinkHover: '#0d3d8c',
    colorLinkActive: '#0a2f6b',
    // Field errors are read, not glanced at: antd's #ff4d4f is 3.4:1 on white, red-7 is 5.9:1.
    colorError: presetPalettes.red[6],
    // antd's secondary text (45 % black, 3.4:1 on white) is too faint for AA; 60 % gives 5.7:1.
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    // Placeholders are read too: 55 % black is 4.7:1 on white, still lighter than a value.
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    // Text in a status colour (已认定, a near-miss's gap) takes a darker shade than the status
    // itself: green-8 is 6.2:1 on white, gold-9 7.3:1 (antd's defaults are 2.2:1 and 1.9:1).
    colorSuccessText: presetPalettes.green[7],
    colorWarningText: presetPalettes.gold[8],
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', headerPadding: '0 16px', siderBg: '#001529' },
    Tag: { ...PRESET_TAG_TEXT, ...STATUS_TAG_TEXT },
    // An empty table's 暂无数据 is written in the disabled grey (1.6:1); it is content, not a control.
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.55)' },
  },
});
