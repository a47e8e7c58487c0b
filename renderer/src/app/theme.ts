import { createTheme } from '@mantine/core';

const font = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif';

/** A calm, office-like theme: indigo accents, small radii, the system font. */
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontFamily: font,
  headings: { fontFamily: font, fontWeight: '600' },
  cursorType: 'pointer',
  components: {
    Button: { defaultProps: { size: 'sm' } },
    TextInput: { defaultProps: { size: 'sm' } },
    Select: { defaultProps: { size: 'sm', allowDeselect: false, comboboxProps: { shadow: 'md' } } },
    MultiSelect: { defaultProps: { comboboxProps: { shadow: 'md' } } },
    Tooltip: { defaultProps: { openDelay: 300, withArrow: true } },
    Modal: { defaultProps: { centered: true, overlayProps: { backgroundOpacity: 0.35, blur: 2 } } },
    Drawer: { defaultProps: { overlayProps: { backgroundOpacity: 0.3 } } },
    Paper: { defaultProps: { withBorder: true, radius: 'sm' } },
    // A scrollbar is shown whenever the content overflows, not only on hover: what lies below the
    // fold must be visible as such (issue 8).
    ScrollArea: { defaultProps: { type: 'auto' } },
    ScrollAreaAutosize: { defaultProps: { type: 'auto' } },
  },
});
