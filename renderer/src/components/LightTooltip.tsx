import { cloneElement, useRef, useState, type FocusEvent, type MouseEvent, type ReactElement, type Ref } from 'react';
import { Tooltip, type TooltipProps } from '@mantine/core';

type Child = ReactElement<{ ref?: Ref<HTMLElement>; onMouseEnter?: (e: MouseEvent) => void; onFocus?: (e: FocusEvent) => void; onBlur?: (e: FocusEvent) => void }>;

/**
 * Mantine's Tooltip for the rows of long tables (a delete button in each of 200 rows): the real
 * Tooltip is mounted only once the pointer or the focus reaches its target, then stays. Each
 * mounted Tooltip positions itself on mount (a style read per tooltip): 200 of them cost «Классы»
 * half a second (issue 8). The target itself is never re-created (a click on it is never lost):
 * the Tooltip comes beside it, pointed at it. It opens when the pointer rests on the target (after
 * the usual delay) or while the target has the keyboard's focus. The child must not have a ref.
 */
export function LightTooltip({ children, ...props }: Omit<TooltipProps, 'children' | 'target'> & { children: Child }) {
  const target = useRef<HTMLElement>(null);
  const [real, setReal] = useState(false);
  const [focused, setFocused] = useState(false);
  return (
    <>
      {cloneElement(children, {
        ref: target,
        onMouseEnter: (e: MouseEvent) => {
          children.props.onMouseEnter?.(e);
          setReal(true);
        },
        onFocus: (e: FocusEvent) => {
          children.props.onFocus?.(e);
          setReal(true);
          setFocused(e.currentTarget.matches(':focus-visible'));
        },
        onBlur: (e: FocusEvent) => {
          children.props.onBlur?.(e);
          setFocused(false);
        },
      })}
      {real ? <Tooltip {...props} target={target} opened={focused ? true : undefined} /> : null}
    </>
  );
}
