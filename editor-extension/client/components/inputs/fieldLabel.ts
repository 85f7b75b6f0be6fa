// The id of the label of the parameter being rendered, so every input and dropdown is named by its
// parameter's label for screen readers (aria-labelledby) without each input knowing its label.
import { createContext, useContext } from 'react';

export const FieldLabelContext = createContext<string | undefined>(undefined);

/** Props naming an input by the current parameter's label (none outside a parameter). */
export function useFieldLabel(): { 'aria-labelledby'?: string } {
	const id = useContext(FieldLabelContext);
	return id ? { 'aria-labelledby': id } : {};
}
