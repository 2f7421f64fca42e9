import { Drawer } from 'antd';
import type { ReactNode } from 'react';

/**
 * The phone's menu, in a drawer from the left. Its own chunk, loaded when the menu is first opened: a phone that
 * only signs in and reads its home page does not download the drawer (issue 17's first-load budget).
 */
export default function MenuDrawer({
  open,
  onClose,
  title,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
}) {
  return (
    <Drawer open={open} onClose={onClose} placement="left" size={280} title={title}>
      {children}
    </Drawer>
  );
}
