package org.opora.documents;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

@Mapper
interface DocumentMapper {

    @Mapping(target = "uploadedBy", source = "shownUploader")
    DocumentController.DocumentView toView(Document document, String shownUploader);
}
