import { useEffect, useRef, type ReactNode } from "react";

/**
 * A modal dialog on the native <dialog> element: the browser keeps focus inside it, makes the
 * rest of the page inert, and closes it on Escape. Focus goes to `initialFocus` when given (an
 * error summary), else to the dialog's heading.
 */
export function Dialog({
  open,
  labelledBy,
  onClose,
  children,
  initialFocus,
}: {
  open: boolean;
  labelledBy: string;
  onClose: () => void;
  children: ReactNode;
  initialFocus?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      const target = (initialFocus && document.getElementById(initialFocus)) || document.getElementById(labelledBy);
      target?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, initialFocus, labelledBy]);
  return (
    <dialog
      ref={ref}
      className="cms-dialog"
      aria-labelledby={labelledBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {children}
    </dialog>
  );
}
