-- Drives Neovim 0.7's built-in LSP client against our server, headless. Reads the probe (file,
-- positions, server command) from $CELERY_SIGNALS_PROBE and writes what it got to probe.outFile.
vim.g.loaded_python3_provider = 0
vim.g.loaded_node_provider = 0
vim.g.loaded_ruby_provider = 0
vim.g.loaded_perl_provider = 0

local probe = vim.fn.json_decode(os.getenv('CELERY_SIGNALS_PROBE'))

local function finish(result)
  local out = io.open(probe.outFile, 'w')
  out:write(vim.fn.json_encode(result))
  out:close()
  vim.cmd(result.error and 'cquit! 1' or 'qall!')
end

local function run()
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'celery-signals',
    cmd = probe.serverCommand,
    root_dir = probe.dir,
    cmd_cwd = probe.dir,
  })
  if not client_id then return finish({ error = 'the server did not start' }) end
  vim.lsp.buf_attach_client(bufnr, client_id)

  local got = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  if not got then return finish({ error = 'no diagnostics arrived' }) end
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(diagnostics, { code = code, message = d.message, line = d.lnum })
  end

  local uri = vim.uri_from_bufnr(bufnr)
  local function ask(method, position)
    local responses = vim.lsp.buf_request_sync(bufnr, method, { textDocument = { uri = uri }, position = position }, 15000)
    for _, response in pairs(responses or {}) do
      if response.result then return response.result end
    end
    return nil
  end

  local hover = ask('textDocument/hover', probe.hover)
  local completion = ask('textDocument/completion', probe.completion)
  local labels = {}
  for _, item in ipairs((completion and (completion.items or completion)) or {}) do table.insert(labels, item.label) end
  finish({
    diagnostics = diagnostics,
    hover = hover and hover.contents and (hover.contents.value or hover.contents) or '',
    completionLabels = labels,
  })
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local ok, err = pcall(run)
    if not ok then finish({ error = tostring(err) }) end
  end,
})
