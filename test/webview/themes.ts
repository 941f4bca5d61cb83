/**
 * The `--vscode-*` variables the timeline uses, with the values of VS Code's Light+, Dark+ and High
 * Contrast themes, and the body class VS Code sets for each theme kind.
 */
export type ThemeKind = 'light' | 'dark' | 'high-contrast';

const COMMON = { 'font-family': 'system-ui, sans-serif', 'font-size': '13px', 'widget-shadow': 'rgba(0, 0, 0, 0.36)' };

export const THEMES: Readonly<Record<ThemeKind, Readonly<Record<string, string>>>> = {
  light: {
    ...COMMON,
    'editor-background': '#ffffff', foreground: '#3b3b3b', descriptionForeground: '#6a6a6a', errorForeground: '#a1260d',
    'editorError-foreground': '#e51400', 'editorWarning-foreground': '#bf8803',
    'charts-blue': '#1a85ff', 'charts-green': '#388a34', 'charts-purple': '#652d90', 'charts-orange': '#d18616', 'charts-red': '#e51400', 'charts-yellow': '#bf8803',
    focusBorder: '#0090f1', 'panel-border': '#e5e5e5', 'badge-background': '#cccccc', 'badge-foreground': '#3b3b3b',
    'button-background': '#005fb8', 'button-foreground': '#ffffff', 'button-hoverBackground': '#0258a8',
    'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b', 'button-secondaryHoverBackground': '#cccccc',
    'input-background': '#ffffff', 'input-foreground': '#3b3b3b', 'input-border': '#cecece',
    'dropdown-background': '#ffffff', 'dropdown-foreground': '#3b3b3b', 'dropdown-border': '#cecece',
    'list-inactiveSelectionBackground': '#e4e6f1', 'editorHoverWidget-background': '#f8f8f8', 'editorHoverWidget-foreground': '#3b3b3b', 'editorHoverWidget-border': '#c8c8c8',
    'textLink-foreground': '#005fb8', 'textLink-activeForeground': '#005fb8', 'testing-iconPassed': '#2d7a2a',
    'inputValidation-errorBackground': '#f2dede', 'inputValidation-errorBorder': '#be1100', 'inputValidation-warningBackground': '#f6f5d2', 'inputValidation-warningBorder': '#bf8803',
  },
  dark: {
    ...COMMON,
    'editor-background': '#1f1f1f', foreground: '#cccccc', descriptionForeground: '#9d9d9d', errorForeground: '#f85149',
    'editorError-foreground': '#f14c4c', 'editorWarning-foreground': '#cca700',
    'charts-blue': '#3794ff', 'charts-green': '#89d185', 'charts-purple': '#b180d7', 'charts-orange': '#d18616', 'charts-red': '#f14c4c', 'charts-yellow': '#cca700',
    focusBorder: '#0078d4', 'panel-border': '#2b2b2b', 'badge-background': '#616161', 'badge-foreground': '#f8f8f8',
    'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-hoverBackground': '#026ec1',
    'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc', 'button-secondaryHoverBackground': '#3c3c3c',
    'input-background': '#313131', 'input-foreground': '#cccccc', 'input-border': '#3c3c3c',
    'dropdown-background': '#313131', 'dropdown-foreground': '#cccccc', 'dropdown-border': '#3c3c3c',
    'list-inactiveSelectionBackground': '#37373d', 'editorHoverWidget-background': '#202020', 'editorHoverWidget-foreground': '#cccccc', 'editorHoverWidget-border': '#454545',
    'textLink-foreground': '#4daafc', 'textLink-activeForeground': '#4daafc', 'testing-iconPassed': '#73c991',
    'inputValidation-errorBackground': '#5a1d1d', 'inputValidation-errorBorder': '#be1100', 'inputValidation-warningBackground': '#352a05', 'inputValidation-warningBorder': '#b89500',
  },
  'high-contrast': {
    ...COMMON,
    'editor-background': '#000000', foreground: '#ffffff', descriptionForeground: '#ffffff', errorForeground: '#f48771',
    'editorError-foreground': '#f48771', 'editorWarning-foreground': '#cca700',
    'charts-blue': '#3794ff', 'charts-green': '#89d185', 'charts-purple': '#b180d7', 'charts-orange': '#d18616', 'charts-red': '#f14c4c', 'charts-yellow': '#cca700',
    focusBorder: '#f38518', contrastBorder: '#6fc3df', contrastActiveBorder: '#f38518', 'panel-border': '#6fc3df', 'badge-background': '#000000', 'badge-foreground': '#ffffff',
    'button-background': '#000000', 'button-foreground': '#ffffff', 'button-border': '#6fc3df', 'button-hoverBackground': '#000000',
    'button-secondaryBackground': '#000000', 'button-secondaryForeground': '#ffffff', 'button-secondaryHoverBackground': '#000000',
    'input-background': '#000000', 'input-foreground': '#ffffff', 'input-border': '#6fc3df',
    'dropdown-background': '#000000', 'dropdown-foreground': '#ffffff', 'dropdown-border': '#6fc3df',
    'list-inactiveSelectionBackground': '#000000', 'editorHoverWidget-background': '#0c141f', 'editorHoverWidget-foreground': '#ffffff', 'editorHoverWidget-border': '#6fc3df',
    'textLink-foreground': '#21a6ff', 'textLink-activeForeground': '#21a6ff', 'testing-iconPassed': '#73c991',
    'inputValidation-errorBackground': '#000000', 'inputValidation-errorBorder': '#f38518', 'inputValidation-warningBackground': '#000000', 'inputValidation-warningBorder': '#f38518',
  },
};

export function bodyClass(kind: ThemeKind): string {
  return kind === 'high-contrast' ? 'vscode-high-contrast' : `vscode-${kind}`;
}
