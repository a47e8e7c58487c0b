import type { Ref } from 'react';

/** What a wizard step exposes: «Далее» saves the step and goes on only when saving succeeded. */
export interface StepHandle {
  save: () => Promise<boolean>;
}

export interface EditorProps {
  /** Set in the wizard: the step's save() for the «Далее» button. */
  handleRef?: Ref<StepHandle>;
  /** In the wizard the step has no own «Сохранить» button: «Далее» saves. */
  inWizard?: boolean;
  /** Enter in a form of the step (wizard: save and go on). */
  onSubmitted?: () => void;
}
