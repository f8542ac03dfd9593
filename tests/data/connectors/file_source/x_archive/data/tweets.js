window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "retweeted" : false,
      "entities" : {
        "hashtags" : [ { "text" : "MarathonTraining", "indices" : [ "14", "31" ] } ],
        "user_mentions" : [ ]
      },
      "id_str" : "1664325183206327340",
      "id" : "1664325183206327340",
      "created_at" : "Thu Jun 01 17:07:00 +0000 2023",
      "full_text" : "Long run done #MarathonTraining",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "id_str" : "1664325183206327999",
      "id" : "1664325183206327999",
      "in_reply_to_status_id_str" : "1664325183206327000",
      "in_reply_to_user_id_str" : "783214",
      "in_reply_to_screen_name" : "jo_park",
      "created_at" : "Thu Jun 01 18:00:00 +0000 2023",
      "full_text" : "@jo_park thanks! see you Sunday",
      "lang" : "en"
    }
  }
]