;;; emacs-eglot.el --- Drives Emacs 28 + eglot against our server in --batch  -*- lexical-binding: t -*-
;; Reads the probe (file, positions, server command) from $CELERY_SIGNALS_PROBE and writes what
;; it got to the probe's outFile as JSON. Flymake does not run in batch mode, so diagnostics are
;; read from eglot's buffer-local store.
(require 'json)
(require 'eglot)
(require 'python)

(defvar probe (let ((json-object-type 'plist) (json-array-type 'list))
                (json-read-from-string (getenv "CELERY_SIGNALS_PROBE"))))

(defun probe-finish (result)
  (with-temp-file (plist-get probe :outFile)
    (insert (json-encode result)))
  ;; Stop the server the way a user's `M-x eglot-shutdown' does, so that Emacs does not exit with a
  ;; live connection whose teardown could fail after the result is written.
  (ignore-errors (eglot-shutdown-all))
  (kill-emacs (if (plist-get result :error) 1 0)))

(defun probe-wait (predicate seconds)
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    (funcall predicate)))

(defun probe-diagnostic (d)
  (if (and (fboundp 'flymake-diagnostic-text) (ignore-errors (flymake-diagnostic-text d)))
      (list :message (flymake-diagnostic-text d)
            :code (let ((data (ignore-errors (flymake-diagnostic-data d))))
                    (or (ignore-errors (plist-get (cdr (assoc 'eglot-lsp-diag data)) :code))
                        (ignore-errors (plist-get data :code)))))
    (list :message (format "%S" d))))

(defun probe-run ()
  (let* ((default-directory (file-name-as-directory (plist-get probe :dir)))
         (command (plist-get probe :serverCommand)))
    (setq eglot-server-programs (list (cons 'python-mode command)))
    (find-file (plist-get probe :file))
    (python-mode)
    (apply #'eglot (eglot--guess-contact))
    (unless (probe-wait (lambda () (and (eglot-current-server) eglot--diagnostics)) 40)
      (probe-finish (list :error "no diagnostics arrived")))
    (let* ((server (eglot-current-server))
           (document (eglot--TextDocumentIdentifier))
           (hover (jsonrpc-request server :textDocument/hover
                                   (list :textDocument document :position (plist-get probe :hover))))
           (completion (jsonrpc-request server :textDocument/completion
                                        (list :textDocument document :position (plist-get probe :completion))))
           (items (if (plist-member completion :items) (plist-get completion :items) completion)))
      (probe-finish
       (list :diagnostics (vconcat (mapcar #'probe-diagnostic eglot--diagnostics))
             :hover (or (plist-get (plist-get hover :contents) :value) "")
             :completionLabels (vconcat (mapcar (lambda (i) (plist-get i :label)) items)))))))

(condition-case err
    (probe-run)
  (error (probe-finish (list :error (format "%S" err)))))
