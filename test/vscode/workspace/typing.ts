// @ts-nocheck: a user's file; 'celery-signals' resolves only in the user's project
import { task_failure, task_retry } from 'celery-signals';



task_retry.connect(({ request }) => console.log(request), { weak: false });
