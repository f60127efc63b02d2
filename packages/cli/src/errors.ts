import { VstdsError } from '@vstds/pipeline';

/** The base of every error meant for the user (the pipeline's); the bin prints its message and exits with its code. */
export { VstdsError as VstdsCliError };

/** Bad command-line usage (unknown flag, missing argument): exit code 2. */
export class UsageError extends VstdsError {
  constructor(message: string) {
    super(message, 2);
  }
}
