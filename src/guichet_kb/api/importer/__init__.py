"""POST @import-service-public: bulk import of DILA fiches (Site Administrators)."""
