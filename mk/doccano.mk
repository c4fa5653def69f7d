# doccano annotation server (issue #4). Included by the top-level Makefile; standalone:
#   make -f mk/doccano.mk doccano-up
# Settings come from the environment or DOCCANO_* lines in .env:
#   DOCCANO_PORT (8000), DOCCANO_USERNAME (admin), DOCCANO_PASSWORD (svpol-local-admin, local use only),
#   DOCCANO_DATA (.doccano/).  The server lives in its own virtualenv .venv-doccano/.
DOCCANO_SH ?= bash scripts/doccano_server.sh

.PHONY: doccano-install doccano-up doccano-down doccano-status

doccano-install: ## install the doccano server into .venv-doccano/
	$(DOCCANO_SH) install

doccano-up: ## start doccano on 127.0.0.1 (web app + task worker); waits until the API answers
	$(DOCCANO_SH) up

doccano-down: ## stop the doccano web app and task worker
	$(DOCCANO_SH) down

doccano-status: ## show whether doccano runs and answers
	$(DOCCANO_SH) status
