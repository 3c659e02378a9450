// @ts-nocheck: a user's file; 'celery-signals' resolves only in the user's project
import { task_failure, task_prerun } from 'celery-signals';

task_failure.connect(({ sender, task_id, exception }) => {
  console.log(sender, task_id, exception);
}, { weak: false });

task_prerun.connect(async ({ task_id }) => {
  console.log(task_id);
}, { weak: false });
