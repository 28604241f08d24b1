import type { ThemeConfig } from 'antd';

// A sober bank blue; the volcano/gold of the tier tags then stands out.
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1553b6',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', headerPadding: '0 16px', siderBg: '#001529' },
  },
};
