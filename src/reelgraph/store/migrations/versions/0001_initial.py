"""The first schema: documents, entities, names, keys, mentions, facts, evidence, logs.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.Text(), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('undone', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log')),
    sqlite_autoincrement=True
    )
    op.create_table('documents',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('title_key', sa.Text(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('published', sa.String(length=32), nullable=True),
    sa.Column('reference_date', sa.String(length=32), nullable=True),
    sa.Column('reference_how', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('hash', name=op.f('uq_documents_hash')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_documents_source'), 'documents', ['source'], unique=False)
    op.create_table('entities',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entities')),
    sqlite_autoincrement=True
    )
    op.create_table('ingest_log',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=True),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('message', sa.Text(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ingest_log')),
    sqlite_autoincrement=True
    )
    op.create_table('entity_keys',
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_entity_keys_entity_id_entities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('entity_id', 'key', name=op.f('pk_entity_keys'))
    )
    op.create_index(op.f('ix_entity_keys_entity_id'), 'entity_keys', ['entity_id'], unique=False)
    op.create_index(op.f('ix_entity_keys_key'), 'entity_keys', ['key'], unique=False)
    op.create_table('facts',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('predicate', sa.String(length=64), nullable=False),
    sa.Column('label', sa.Text(), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=True),
    sa.Column('value', sa.Text(), nullable=True),
    sa.Column('datatype', sa.String(length=16), nullable=True),
    sa.Column('unit', sa.String(length=16), nullable=True),
    sa.Column('content_key', sa.String(length=64), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('edited_value', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('asserted', 'confirmed', 'rejected')", name=op.f('ck_facts_status')),
    sa.CheckConstraint('(object_id IS NULL) <> (value IS NULL)', name=op.f('ck_facts_object')),
    sa.ForeignKeyConstraint(['object_id'], ['entities.id'], name=op.f('fk_facts_object_id_entities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subject_id'], ['entities.id'], name=op.f('fk_facts_subject_id_entities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_facts')),
    sa.UniqueConstraint('content_key', name=op.f('uq_facts_content_key')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_facts_object_id'), 'facts', ['object_id'], unique=False)
    op.create_index(op.f('ix_facts_predicate'), 'facts', ['predicate'], unique=False)
    op.create_index(op.f('ix_facts_subject_id'), 'facts', ['subject_id'], unique=False)
    op.create_table('mentions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_mentions_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_mentions_entity_id_entities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentions')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_mentions_document_id'), 'mentions', ['document_id'], unique=False)
    op.create_index(op.f('ix_mentions_entity_id'), 'mentions', ['entity_id'], unique=False)
    op.create_table('names',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('lang', sa.String(length=8), nullable=False),
    sa.Column('canonical', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_names_entity_id_entities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_names')),
    sa.UniqueConstraint('entity_id', 'name', 'lang', name=op.f('uq_names_entity_id_name_lang')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_names_entity_id'), 'names', ['entity_id'], unique=False)
    op.create_index(op.f('ix_names_key'), 'names', ['key'], unique=False)
    op.create_table('resolution_rules',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('name_key', sa.Text(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('audit_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IN ('must_link', 'cannot_link')", name=op.f('ck_resolution_rules_kind')),
    sa.ForeignKeyConstraint(['audit_id'], ['audit_log.id'], name=op.f('fk_resolution_rules_audit_id_audit_log'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_resolution_rules_entity_id_entities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resolution_rules')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_resolution_rules_entity_id'), 'resolution_rules', ['entity_id'], unique=False)
    op.create_index(op.f('ix_resolution_rules_name_key'), 'resolution_rules', ['name_key'], unique=False)
    op.create_table('resolutions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_resolutions_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_resolutions_entity_id_entities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resolutions')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_resolutions_document_id'), 'resolutions', ['document_id'], unique=False)
    op.create_index(op.f('ix_resolutions_entity_id'), 'resolutions', ['entity_id'], unique=False)
    op.create_table('evidence',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('fact_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_evidence_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['fact_id'], ['facts.id'], name=op.f('fk_evidence_fact_id_facts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence')),
    sa.UniqueConstraint('fact_id', 'document_id', 'start', 'end', name=op.f('uq_evidence_fact_id_document_id_start_end')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_evidence_document_id'), 'evidence', ['document_id'], unique=False)
    op.create_index(op.f('ix_evidence_fact_id'), 'evidence', ['fact_id'], unique=False)
    op.create_table('fact_qualifiers',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('fact_id', sa.Integer(), nullable=False),
    sa.Column('property', sa.String(length=64), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('value', sa.Text(), nullable=True),
    sa.Column('datatype', sa.String(length=16), nullable=True),
    sa.Column('unit', sa.String(length=16), nullable=True),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_fact_qualifiers_entity_id_entities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['fact_id'], ['facts.id'], name=op.f('fk_fact_qualifiers_fact_id_facts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fact_qualifiers')),
    sa.UniqueConstraint('fact_id', 'property', name=op.f('uq_fact_qualifiers_fact_id_property')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_fact_qualifiers_entity_id'), 'fact_qualifiers', ['entity_id'], unique=False)
    op.create_index(op.f('ix_fact_qualifiers_fact_id'), 'fact_qualifiers', ['fact_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_fact_qualifiers_fact_id'), table_name='fact_qualifiers')
    op.drop_index(op.f('ix_fact_qualifiers_entity_id'), table_name='fact_qualifiers')
    op.drop_table('fact_qualifiers')
    op.drop_index(op.f('ix_evidence_fact_id'), table_name='evidence')
    op.drop_index(op.f('ix_evidence_document_id'), table_name='evidence')
    op.drop_table('evidence')
    op.drop_index(op.f('ix_resolutions_entity_id'), table_name='resolutions')
    op.drop_index(op.f('ix_resolutions_document_id'), table_name='resolutions')
    op.drop_table('resolutions')
    op.drop_index(op.f('ix_resolution_rules_name_key'), table_name='resolution_rules')
    op.drop_index(op.f('ix_resolution_rules_entity_id'), table_name='resolution_rules')
    op.drop_table('resolution_rules')
    op.drop_index(op.f('ix_names_key'), table_name='names')
    op.drop_index(op.f('ix_names_entity_id'), table_name='names')
    op.drop_table('names')
    op.drop_index(op.f('ix_mentions_entity_id'), table_name='mentions')
    op.drop_index(op.f('ix_mentions_document_id'), table_name='mentions')
    op.drop_table('mentions')
    op.drop_index(op.f('ix_facts_subject_id'), table_name='facts')
    op.drop_index(op.f('ix_facts_predicate'), table_name='facts')
    op.drop_index(op.f('ix_facts_object_id'), table_name='facts')
    op.drop_table('facts')
    op.drop_index(op.f('ix_entity_keys_key'), table_name='entity_keys')
    op.drop_index(op.f('ix_entity_keys_entity_id'), table_name='entity_keys')
    op.drop_table('entity_keys')
    op.drop_table('ingest_log')
    op.drop_table('entities')
    op.drop_index(op.f('ix_documents_source'), table_name='documents')
    op.drop_table('documents')
    op.drop_table('audit_log')
